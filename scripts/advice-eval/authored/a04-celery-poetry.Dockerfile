# Celery workers and beat share this image; poetry exports nothing, it installs into the system.
FROM python:3.10-slim

ARG POETRY_VERSION=1.8.3
ENV POETRY_NO_INTERACTION=1 \
    POETRY_VIRTUALENVS_CREATE=false \
    POETRY_CACHE_DIR=/tmp/poetry_cache

RUN apt-get update && apt-get install -y --no-install-recommends \
        curl \
        git \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir "poetry==${POETRY_VERSION}"

WORKDIR /code
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root --only main && rm -rf $POETRY_CACHE_DIR

COPY tasks/ ./tasks/
COPY worker/ ./worker/
RUN poetry install --only-root

RUN useradd -m worker && chown -R worker:worker /code
USER worker
CMD ["celery", "-A", "worker.app", "worker", "--loglevel=INFO"]
