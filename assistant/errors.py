"""Errors the library raises; each names the file or field that failed.

The CLI and the app turn these into one line and an exit status.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: anything the user can act on."""


class LoadError(AssistantError):
    """A file could not be read as a document (encrypted, corrupt, empty, binary, not UTF-8)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ReplaceRefusedError(LoadError):
    """A file would replace a different document of the same name, and replacing was not allowed."""

    def __init__(self, path: str) -> None:
        super().__init__(path, "a different document of this name is already in the corpus")


class CatalogueError(AssistantError):
    """The corpus catalogue is malformed."""


class IndexMissingError(AssistantError):
    """No index has been built yet."""


class IndexMismatchError(AssistantError):
    """The index on disk was built with another model or chunker version."""


class IndexCorruptError(AssistantError):
    """A file in the index folder is missing or unreadable."""


class IndexBusyError(AssistantError):
    """Another ingest holds the index folder's lock."""


class ConfigError(AssistantError):
    """A setting has a value it cannot take."""


class UsageError(AssistantError):
    """A command-line argument or the file it names cannot be used."""


class DraftTooLargeError(AssistantError):
    """A draft holds more text or figures than one check is allowed to read."""
