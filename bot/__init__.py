"""Partner Coach: the application (config, app factory, i18n, keyboards, services)."""
