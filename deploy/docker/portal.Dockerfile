# syntax=docker/dockerfile:1
# Platform.Portal: build with the repository root as the context (the Tiltfile does):
#   docker build -f deploy/docker/portal.Dockerfile -t networkhealth/portal .

# ---- build: restore first (cached until a project file or the central package versions change), then publish ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY services/BuildingBlocks/Platform.ServiceDefaults/Platform.ServiceDefaults.csproj services/BuildingBlocks/Platform.ServiceDefaults/
COPY services/BuildingBlocks/Platform.Data/Platform.Data.csproj services/BuildingBlocks/Platform.Data/
COPY services/BuildingBlocks/Platform.Charts/Platform.Charts.csproj services/BuildingBlocks/Platform.Charts/
COPY services/BuildingBlocks/Platform.HealthModel/Platform.HealthModel.csproj services/BuildingBlocks/Platform.HealthModel/
COPY services/Portal/Platform.Portal/Platform.Portal.csproj services/Portal/Platform.Portal/
RUN dotnet restore services/Portal/Platform.Portal/Platform.Portal.csproj
COPY services/BuildingBlocks/Platform.ServiceDefaults/ services/BuildingBlocks/Platform.ServiceDefaults/
COPY services/BuildingBlocks/Platform.Data/ services/BuildingBlocks/Platform.Data/
COPY services/BuildingBlocks/Platform.Charts/ services/BuildingBlocks/Platform.Charts/
COPY services/BuildingBlocks/Platform.HealthModel/ services/BuildingBlocks/Platform.HealthModel/
COPY services/Portal/Platform.Portal/ services/Portal/Platform.Portal/
RUN dotnet publish services/Portal/Platform.Portal/Platform.Portal.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# ---- run: the ASP.NET Core runtime only, as the image's non-root user ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_gcServer=0
EXPOSE 8080
COPY --from=build /app ./
# Numeric, so Kubernetes' runAsNonRoot can verify it ($APP_UID is the image's 'app' user).
USER $APP_UID
# The runtime image has no curl or wget, and we install nothing: bash's /dev/tcp sends one HTTP request.
# Kubernetes ignores HEALTHCHECK (the manifests' probes do that job); this is for plain docker / compose.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Platform.Portal.dll"]
