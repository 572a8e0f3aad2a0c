ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN <<EOF
echo one > /one
echo two > /two
EOF
RUN [ -f /one ] && [ -f /two ]
