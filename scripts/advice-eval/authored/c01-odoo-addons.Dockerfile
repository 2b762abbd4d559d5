FROM python:3.10-slim-bookworm
SHELL ["/bin/bash", "-xo", "pipefail", "-c"]
ENV LANG=C.UTF-8 \
    ODOO_RC=/etc/odoo/odoo.conf \
    ADMIN_PASSWORD=admin
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-noto-cjk libxml2 libxslt1.1 libldap-2.5-0 libsasl2-2 node-less npm xz-utils \
    && npm install -g rtlcss@4.1.1 \
    && rm -rf /var/lib/apt/lists/*
COPY odoo/requirements.txt /tmp/requirements.txt
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libldap2-dev libsasl2-dev libpq-dev \
    && pip install --no-cache-dir -r /tmp/requirements.txt \
    && apt-get purge -y --auto-remove build-essential libldap2-dev libsasl2-dev libpq-dev \
    && rm -rf /var/lib/apt/lists/* /tmp/requirements.txt
COPY odoo /opt/odoo
COPY addons /mnt/extra-addons
RUN useradd --system --home /var/lib/odoo odoo \
    && mkdir -p /var/lib/odoo /etc/odoo \
    && chown -R odoo /var/lib/odoo /mnt/extra-addons
COPY --chown=odoo ./odoo.conf /etc/odoo/
USER odoo
EXPOSE 8069
CMD ["/opt/odoo/odoo-bin"]
