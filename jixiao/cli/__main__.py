"""``python -m jixiao.cli``: the same command as the ``jixiao`` console script."""

from jixiao.cli import main

main()
