## Asking a client for their view, as the freelancer sees it.
