"""Suite-wide settings."""

from hypothesis import settings

# Property tests check behaviour, not speed (speed is measured in bench/): no per-example deadline, which a
# loaded CI machine would otherwise trip at random.
settings.register_profile("jixiao", deadline=None)
settings.load_profile("jixiao")
