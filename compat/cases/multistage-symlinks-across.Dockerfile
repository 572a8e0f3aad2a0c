ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS build
RUN mkdir -p /out && echo t > /out/target && ln -s target /out/rel && ln -s /out/target /out/abs
FROM ${REGISTRY}/busybox:latest
COPY --from=build /out/ /o/
