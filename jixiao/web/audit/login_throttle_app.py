"""django-axes (login throttling) as the back office names it, in a module of its own so that the audit app's
apps.py keeps one AppConfig, which Django then uses (and runs its ready())."""

from axes.apps import AppConfig as AxesConfig


class LoginThrottleConfig(AxesConfig):
    """登录限制, with 访问尝试 where the admin unlocks."""

    verbose_name = "登录限制"
