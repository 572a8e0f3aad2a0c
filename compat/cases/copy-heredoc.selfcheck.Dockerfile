ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ARG WHO=world
COPY <<EOF /hello.txt
hello $WHO
EOF
COPY <<'EOF' /raw.txt
hello $WHO
EOF
RUN [ "$(cat /hello.txt)" = 'hello world' ] && [ "$(cat /raw.txt)" = 'hello $WHO' ]
