"""Persistence: the database (SQLite or PostgreSQL), migrations, repositories and the FSM
storage."""
