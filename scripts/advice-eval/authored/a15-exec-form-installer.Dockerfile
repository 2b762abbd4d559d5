FROM python:3.12-slim-bookworm
WORKDIR /svc
COPY . /svc
RUN ["/bin/sh", "-c", "python -m pip install --no-cache-dir -r requirements.txt"]
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends tini
ENV API_TOKEN=$API_TOKEN
ENTRYPOINT ["tini", "--", "python", "-m", "svc"]
