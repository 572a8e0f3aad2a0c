ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN mkdir -p /a/b && echo x > /a/b/f && chmod 640 /a/b/f
