# Graph API + admin SPA in one image. Build: docker build -t graph .   (docker compose up does it)

# 1. The admin SPA (static files), and the GraphQL IDE's files (npm package, served at /graphql).
FROM node:20-bookworm-slim AS spa
WORKDIR /src
COPY package.json package-lock.json ./
COPY admin-ui/package.json admin-ui/
RUN npm ci --no-audit --no-fund
COPY admin-ui/ admin-ui/
RUN npm run build --workspace admin-ui

# 2. The API.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS api
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY api/ api/
RUN dotnet publish api/Graph.Api/Graph.Api.csproj -c Release -o /app

# 3. Runtime: the API serving the SPA under /admin and the IDE at /graphql (found in wwwroot/graphql-ide).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=api /app ./
COPY --from=spa /src/admin-ui/dist ./wwwroot/admin/
COPY --from=spa /src/node_modules/@chillicream/bananacakepop-graphql-ide ./wwwroot/graphql-ide/
ENV ASPNETCORE_URLS=http://+:8080 \
    Graph__AdminUi__Path=wwwroot/admin
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Graph.Api.dll"]
CMD ["serve"]
