FROM python:3.11-slim
ARG DEBIAN_FRONTEND=noninteractive
ENV PIP_DISABLE_PIP_VERSION_CHECK=on \
    PIP_DEFAULT_TIMEOUT=100 \
    AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY} \
    AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}

RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc g++ libgomp1 \
 && pip install --no-cache-dir pyarrow==16.1.0 lightgbm==4.3.0 \
 && apt-get purge -y --auto-remove gcc g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/pipeline
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY pipeline/ pipeline/
COPY conf/ conf/
ADD https://repo1.maven.org/maven2/org/postgresql/postgresql/42.7.3/postgresql-42.7.3.jar /opt/jars/
ENTRYPOINT ["python", "-m", "pipeline.run"]
