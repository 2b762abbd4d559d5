FROM apache/airflow:2.9.3-python3.11
USER root
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && apt-get autoremove -yqq --purge \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*
USER airflow
COPY requirements.txt /requirements.txt
RUN pip install --no-cache-dir "apache-airflow==${AIRFLOW_VERSION}" -r /requirements.txt
COPY --chown=airflow:root dags/ /opt/airflow/dags/
COPY plugins/ /opt/airflow/plugins/
USER root
RUN chown -R airflow:root /opt/airflow/plugins
USER airflow
