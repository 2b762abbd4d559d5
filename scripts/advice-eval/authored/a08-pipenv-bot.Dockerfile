FROM python:3.9-slim-bullseye AS base
ENV LANG=C.UTF-8 LC_ALL=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 PYTHONFAULTHANDLER=1

FROM base AS deps
RUN pip install pipenv
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
COPY Pipfile Pipfile.lock ./
RUN PIPENV_VENV_IN_PROJECT=1 pipenv install --deploy

FROM base AS runtime
COPY --from=deps /.venv /.venv
ENV PATH="/.venv/bin:$PATH" \
    DISCORD_TOKEN=disabled
RUN useradd --create-home bot
WORKDIR /home/bot
USER bot
COPY . .
ENTRYPOINT ["python", "-m", "bot"]
