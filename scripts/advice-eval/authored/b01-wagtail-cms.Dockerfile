# CMS site: node builds the front-end bundle, python serves it.
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --fetch-retries 5
COPY webpack.config.js ./
COPY cms/static_src/ ./cms/static_src/
RUN npm run build:prod

FROM python:3.12-slim-bookworm AS production
ARG UID=1000
ARG GID=1000
ENV PYTHONUNBUFFERED=1 \
    PORT=8000 \
    WEB_CONCURRENCY=3 \
    DJANGO_SETTINGS_MODULE=cms.settings.production

RUN apt-get update --yes --quiet && apt-get install --yes --quiet --no-install-recommends \
    build-essential \
    libpq-dev \
    libjpeg62-turbo-dev \
    zlib1g-dev \
    libwebp-dev \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd -g $GID cms && useradd -u $UID -g cms -m cms
RUN pip install --no-cache-dir "gunicorn==22.0.0"
COPY requirements.txt /
RUN pip install --no-cache-dir -r /requirements.txt
WORKDIR /app
RUN chown cms:cms /app
COPY --chown=cms:cms . .
COPY --chown=cms:cms --from=frontend /build/cms/static_compiled ./cms/static_compiled
USER cms
RUN SECRET_KEY=none python manage.py collectstatic --noinput --clear
CMD set -xe; gunicorn cms.wsgi:application
