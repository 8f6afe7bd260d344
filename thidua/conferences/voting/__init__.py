"""The voting engine's pure parts: the tally and the receipt codes. No database, no clock (see README.md)."""
