FROM python:3.12-slim
RUN useradd -m -u 1000 jovyan
USER jovyan
WORKDIR /home/jovyan
ENV PATH=/home/jovyan/.local/bin:$PATH
COPY --chown=jovyan requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install --user -r requirements.txt
COPY --chown=jovyan notebooks/ notebooks/
EXPOSE 8888
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--no-browser"]
