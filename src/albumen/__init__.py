"""albumen: a folder of historical photographs becomes a durable, searchable website."""

__version__ = "0.1.0"
