# Django shop backend: a builder compiles wheels, the runtime stage serves with gunicorn.
ARG PYTHON_VERSION=3.12

FROM python:${PYTHON_VERSION}-slim-bookworm AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev libjpeg-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY requirements/ requirements/
RUN --mount=type=cache,target="/root/.cache/pip" \
    pip wheel --wheel-dir /wheels -r requirements/production.txt

FROM python:${PYTHON_VERSION}-slim-bookworm
ENV PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=shop.settings.production \
    DJANGO_SECRET_KEY=changeme \
    DATABASE_URL=""
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 libjpeg62-turbo libmagic1 \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system shop && useradd --system --gid shop --home-dir /srv/shop shop
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/* \
    && rm -rf /wheels
WORKDIR /srv/shop
COPY --chown=shop:shop . .
RUN python manage.py collectstatic --noinput
USER shop
EXPOSE 8000
CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
