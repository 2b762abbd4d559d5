FROM python:3.12-slim-bookworm AS base
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements/base.txt

FROM base AS dev
COPY requirements/dev.txt requirements/dev.txt
RUN pip install -r requirements/dev.txt
ENV DEBUG=1 DATABASE_PASSWORD=postgres
COPY . .

FROM base AS prod
COPY . .
RUN python -m compileall -q .
USER nobody
CMD ["gunicorn", "app.wsgi", "-b", "0.0.0.0:8000"]
