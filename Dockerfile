# Precis in a container: built with the Swift toolchain, shipped on a slim Debian with nothing but
# the relocatable release (Scripts/make-dist: static Swift runtime, Foundation, ICU, libstemmer).
#   docker build -t precis .
#   docker run --rm -v "$PWD/articles:/data" -v "$PWD/out:/out" precis run news --input /data --output /out/news
FROM swift:6.3-bookworm AS build
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev libstemmer-dev pkg-config python3-pip python3-venv >/dev/null
WORKDIR /src
COPY . .
RUN bash Scripts/make-dist && mkdir /release && tar -C /release --strip-components=1 -xzf dist/precis-*.tar.gz

FROM debian:bookworm-slim
COPY --from=build /release/bin /usr/local/bin
COPY --from=build /release/share /usr/local/share
COPY --from=build /release/LICENSE /release/DATA-LICENSES.md /usr/local/share/precis/
WORKDIR /work
ENTRYPOINT ["precis"]
CMD ["--help"]
