"""Business rules, free of aiogram types, so they are tested without a bot."""
