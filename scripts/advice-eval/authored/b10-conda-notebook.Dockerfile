FROM mambaorg/micromamba:1.5.8
COPY --chown=$MAMBA_USER:$MAMBA_USER environment.yml /tmp/env.yml
RUN micromamba install -y -n base -f /tmp/env.yml && micromamba clean --all --yes
ARG MAMBA_DOCKERFILE_ACTIVATE=1
COPY --chown=$MAMBA_USER:$MAMBA_USER notebooks/ /home/mambauser/notebooks/
RUN pip install --no-cache-dir jupyterlab-git==0.50.1
EXPOSE 8888
CMD ["jupyter", "lab", "--ip=0.0.0.0"]
