FROM python:3.12-slim-bookworm
RUN adduser --disabled-password --gecos "" --home /home/app app
USER app
WORKDIR /home/app
ENV PIP_CACHE_DIR=/home/app/.cache/pip \
    PATH=/home/app/.local/bin:$PATH
COPY --chown=app:app requirements.txt .
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --user -r requirements.txt
COPY --chown=app:app worker/ worker/
ENV REDIS_PASSWORD=""
CMD ["rq", "worker", "--url", "redis://redis:6379/0"]
