ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY --link a.txt /linked/
RUN [ "$(cat /linked/a.txt)" = alpha ]
