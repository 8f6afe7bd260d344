"""One module per integration. Each has a USE_<X> flag that defaults off and, when on, requires its variables (S32)."""
