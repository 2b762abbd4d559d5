# syntax=docker/dockerfile:1.7
FROM python:3.12-slim
WORKDIR /app
RUN <<EOT
set -eux
apt-get update
apt-get install -y --no-install-recommends git
rm -rf /var/lib/apt/lists/*
EOT
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt
COPY . .
RUN <<EOT bash
pip install --no-cache-dir --no-deps -e .
python -m compileall -q src
EOT
ENV GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a
CMD ["python", "-m", "app"]
