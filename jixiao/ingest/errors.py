"""Errors a reader raises for input it cannot read at all."""


class ReadError(Exception):
    """A document that cannot be read: carries a Chinese and an English message for the user."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh = message_zh
        self.message_en = message_en
