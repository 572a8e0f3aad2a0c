ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN --mount=type=cache,target=/cache,id=compat-cache-$$ echo x > /cache/a
RUN --mount=type=cache,target=/cache,id=compat-cache-$$ ls /cache > /listed
RUN [ "$(cat /listed)" = a ] && [ ! -e /cache/a ]
