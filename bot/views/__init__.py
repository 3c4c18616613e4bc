"""What people see: screens (text and keyboard) and button payloads, one module per
feature. Views render data handed to them; they never read the database."""
