"""What the bot says about partnership: reflection questions, advice, tips, drafts.

Each item names the ideas of shared/seed/IDEAS.md it comes from; the words themselves
live in bot/locales so that both languages stay side by side.
"""
