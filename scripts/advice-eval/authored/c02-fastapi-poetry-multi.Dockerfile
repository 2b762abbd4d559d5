FROM python:3.11-slim AS requirements
WORKDIR /tmp
RUN pip install poetry==1.8.3 poetry-plugin-export
COPY ./pyproject.toml ./poetry.lock* /tmp/
RUN poetry export -f requirements.txt --output requirements.txt --without-hashes

FROM python:3.11-slim
WORKDIR /code
COPY --from=requirements /tmp/requirements.txt /code/requirements.txt
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt
COPY ./app /code/app
ENV JWT_SECRET_KEY=${JWT_SECRET_KEY:-please-change-me}
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "80"]
