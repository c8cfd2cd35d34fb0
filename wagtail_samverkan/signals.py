"""Signal receivers, connected when the app is ready."""
