# Partner Coach in a slim image: runs main.py as a non-root user; the database lives in
# the /app/data volume, so it survives image upgrades (migrations run at start-up).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATABASE_PATH=/app/data/bot.sqlite3

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY main.py .

RUN useradd --create-home --uid 10001 coach && mkdir -p /app/data && chown coach /app/data
USER coach
VOLUME ["/app/data"]

EXPOSE 8080
CMD ["python", "main.py", "--telegram"]
