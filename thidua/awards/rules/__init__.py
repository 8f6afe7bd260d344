"""The legal rules engine (STYLE S13; issue 6). Read README.md: it is the contract."""
