//! Help next to each field: one or two sentences on what the option does and when to pick it,
//! with the reasons behind the defaults (which come from the seed teams' plans and what went
//! wrong in them). Looked up by the field's path with list indexes written `#` and environment
//! names `<env>`, so every row of a list shares its help.

/// Environment names in paths, and what they read as.
const ENV_SEGMENTS: [(&str, &str); 6] = [
    ("per_env.dev", "per_env.<env>"),
    ("per_env.staging", "per_env.<env>"),
    ("per_env.prod", "per_env.<env>"),
    (
        "kubernetes.environments.dev.",
        "kubernetes.environments.<env>.",
    ),
    (
        "kubernetes.environments.staging.",
        "kubernetes.environments.<env>.",
    ),
    (
        "kubernetes.environments.prod.",
        "kubernetes.environments.<env>.",
    ),
];

/// `env[3].per_env.prod.value` → `env[#].per_env.<env>.value`.
fn key(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut digits = false;
    for c in path.chars() {
        if c.is_ascii_digit() && out.ends_with('[') {
            digits = true;
            out.push('#');
        } else if !(digits && c.is_ascii_digit()) {
            digits = false;
            out.push(c);
        }
    }
    for (from, to) in ENV_SEGMENTS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// The help for the field at `path`, if it has any.
pub fn help(path: &str) -> Option<&'static str> {
    Some(match key(path).as_str() {
        // Project
        "project.name" => "The compose project name (`name:`): it prefixes containers, volumes and networks, and names the Render services. Lowercase letters, digits, - and _.",
        "project.layout" => "Repository root keeps every file beside package.json. A docker/ folder keeps the root tidy; compose then builds with context `..` and the Dockerfile stays at the root.",
        "project.compose_naming" => "Both names work with `docker compose`. compose.yaml is the current default name; docker-compose.yml is what older tooling and most tutorials expect.",
        "project.strategy" => "Override files (base + one file per environment, merged with -f) keep each environment's differences in its own file. Profiles put everything in one file and pick services with --profile; simpler, but every environment shares the same settings.",
        "project.environments.dev" => "Development: the dev image with hot reload, source mounts, ports on 127.0.0.1 and the admin UIs (pgAdmin, redis-commander).",
        "project.environments.staging" => "A production-like environment for testing a release: the production image, its own values, no admin UIs.",
        "project.environments.prod" => "Production: the hardened image, secrets required from the environment (never defaulted in compose), no published database ports.",
        "project.render_blueprint" => "Also write render.yaml, a Render Blueprint with the app as a Docker web service and PostgreSQL / Redis as Render's managed services.",
        "project.write_dotenv" => "Also write a .env holding the generated secrets, so `docker compose up` runs at once. It is git-ignored by the bundle; never commit it. Off, you copy .env.example and fill it in.",
        // App
        "app.enabled" => "The container built from your repository. Off for a stack of images only (a database for local development, say).",
        "app.service_name" => "The app's name in compose: other services reach it at http://<name>:<port>. Renaming it renames what depends on it.",
        "app.framework" => "Next.js uses `output: \"standalone\"`: the image carries only the traced server and its node_modules (typically a fifth of the size), started with `node server.js`. Node server runs your own start command.",
        "app.start_command" => "How the server starts, e.g. `node dist/server.js`. It runs in exec form so the server gets signals directly and shuts down cleanly.",
        "app.node_version" => "The node image's tag: a major (`22`) follows its security updates, a full version (`22.16.0`) pins the build exactly. Pick the version your package.json `engines` asks for.",
        "app.base" => "alpine is small; slim (Debian, glibc) is safer for native modules and Prisma engines that expect glibc. Pick slim when a dependency fails to build on musl.",
        "app.package_manager" => "The one your lockfile belongs to. Installs use it with the lockfile frozen (npm ci, pnpm --frozen-lockfile, yarn --immutable, bun --frozen-lockfile).",
        "app.package_manager_version" => "Pinned through corepack (pnpm, yarn) or npm (bun) so every build uses the same version as your machine. Match `packageManager` in package.json.",
        "app.build_script" => "The package.json script that builds the app (`build` runs `next build`).",
        "app.dev_script" => "The package.json script the dev container runs for hot reload (`dev` runs `next dev`).",
        "app.host_port" => "The port on your machine that reaches the app. Published on 127.0.0.1 only in development, so nothing on the network reaches a dev server.",
        "app.container_port" => "The port the server listens on inside the container (Next.js: 3000). The healthcheck and other services use it.",
        "app.render_port" => "The port Render tells the app to listen on (PORT, 10000 by default), written into render.yaml.",
        "app.health_path" => "A path that answers 200 while the process is up (e.g. `/api/health`). The container's healthcheck polls it, so compose waits for a really started app.",
        "app.ready_path" => "Optional: a path that answers 200 only once the database and cache are reachable. Kubernetes uses it for readiness; empty uses the health path.",
        "app.monorepo.enabled" => "For a Turborepo or pnpm / npm / yarn workspace: the Dockerfile installs the workspace and builds only the app's package.",
        "app.monorepo.app_dir" => "Where the app lives inside the workspace, e.g. `apps/web`.",
        "app.monorepo.filter" => "The app's package name, as `--filter` and `turbo prune` expect it (the `name` in its package.json).",
        "app.monorepo.packages" => "Workspace packages the app depends on, e.g. `packages/ui`. Their package.json files are copied before the sources so installs stay cached.",
        "app.monorepo.turbo_prune" => "Builds from `turbo prune --docker`: a minimal workspace with only the app's dependencies, so unrelated changes do not invalidate the install layer.",
        "app.monorepo.turbo_version" => "The turbo version the prune stage installs; match the one in your lockfile.",
        "app.prisma.enabled" => "Generates the Prisma client in the build and copies the engines the server needs into the runtime image.",
        "app.prisma.schema_path" => "Where schema.prisma is, relative to the repository root.",
        "app.prisma.migrate_on_start" => "Runs `prisma migrate deploy` in the entrypoint before the server starts, so the schema is current on every deploy. Turn it off when migrations run in a separate release step.",
        "app.user.name" => "The unprivileged user the app runs as: a compromised process cannot write to the image or bind low ports.",
        "app.user.group" => "The unprivileged user's group, which owns the app's files in the image.",
        "app.user.uid" => "A fixed numeric id (1001 by default), so Kubernetes can check that the container does not run as root and volumes get predictable ownership.",
        "app.init" => "dumb-init or tini run as PID 1, forward signals and reap zombies: without one, `docker stop` waits 10 s and kills Node. Built into the image, so it works the same under compose, Render and Kubernetes.",
        "app.system_packages" => "OS packages installed in every stage (apk on alpine, apt on slim), e.g. `openssl` for Prisma or `libc6-compat`.",
        "app.playwright_chromium" => "Installs Chromium and its libraries so Playwright can run inside the image (scraping, PDF rendering). Adds a few hundred MB.",
        "app.build_args[#].name" => "A build argument (`ARG`) passed to the build, e.g. NEXT_PUBLIC_API_URL, which Next.js inlines at build time.",
        "app.build_args[#].value" => "Its default; compose passes `${NAME:-default}` so the environment can override it. Never a secret: build arguments stay in the image's history.",
        "app.dev.dockerfile" => "A separate Dockerfile.dev is simplest to read. The builder stage reuses the production Dockerfile's dependency stage, so dev and prod install the same way.",
        "app.dev.mounts" => "Source folders bind-mounted into the dev container for hot reload; node_modules and .next stay in the container's own volumes.",
        "app.dev.polling" => "Watch files by polling: needed where file events do not cross the mount (Docker Desktop on Windows, some VMs). Costs some CPU.",
        // Database
        "postgres.enabled" => "A PostgreSQL service with a named volume, a healthcheck (`pg_isready`) the app waits for, and DATABASE_URL for the app.",
        "postgres.version" => "The postgres image tag, e.g. `17-alpine`. Pin at least the major version: a new major cannot read the old one's data without pg_upgrade.",
        "postgres.timezone" => "TZ and PGTZ of the database. UTC avoids surprises when servers and people are in different zones.",
        "postgres.db" => "The database created on first start and named in DATABASE_URL.",
        "postgres.user" => "The role created on first start and named in DATABASE_URL.",
        "postgres.password" => "Generated in your browser with a CSPRNG. Development gets it as a default; staging and production require it from the environment, so no default secret reaches a server.",
        "postgres.host_port" => "Publishes PostgreSQL on 127.0.0.1 of your machine in development (for psql or a GUI). Empty keeps it on the compose network only.",
        "postgres.publish_in_production" => "Also publishes the port in production-like environments, still on 127.0.0.1 only (an SSH tunnel reaches it). Usually better left off.",
        "postgres.initdb_args" => "Arguments for initdb on first start, e.g. `--encoding=UTF8 --locale=C`.",
        "postgres.extensions" => "Extensions init-db.sql creates on first start, e.g. `pgcrypto, citext`.",
        "postgres.pool.connection_limit" => "Prisma's pool size per app instance, added to DATABASE_URL. Keep instances × limit under PostgreSQL's max_connections (100).",
        "postgres.pool.pool_timeout" => "Seconds Prisma waits for a free connection before failing a query, added to DATABASE_URL.",
        "postgres.backup.enabled" => "Adds backup-database.sh: pg_dump piped through gzip into the backup folder, keeping the newest few. Run it from cron on the host.",
        "postgres.backup.keep" => "How many backups are kept; older ones are deleted after each successful backup.",
        "postgres.backup.dir" => "Where backups are written on the host, relative to the repository root or absolute. Keep it out of the repository and copy it off the machine.",
        // Cache
        "redis.enabled" => "A Redis service with a healthcheck the app waits for, and REDIS_URL for the app.",
        "redis.version" => "The redis image tag, e.g. `7-alpine`.",
        "redis.maxmemory" => "The memory Redis may use, e.g. `256mb`; empty for no limit. Set one for a cache, so Redis evicts instead of being killed by the host.",
        "redis.eviction_policy" => "What Redis drops at maxmemory. allkeys-lru suits a cache; noeviction suits data you cannot lose (writes fail instead).",
        "redis.aof" => "Append-only persistence: Redis replays its writes after a restart. Pick it when Redis holds sessions or queues, not only a cache.",
        "redis.host_port" => "Publishes Redis on 127.0.0.1 of your machine in development. Empty keeps it on the compose network only.",
        "redis.publish_in_production" => "Also publishes the port in production-like environments, on 127.0.0.1 only. Usually better left off.",
        // Admin tools
        "pgadmin.enabled" => "pgAdmin, a web UI for PostgreSQL, in development only, on 127.0.0.1.",
        "pgadmin.email" => "The login of pgAdmin's first user.",
        "pgadmin.version" => "The pgadmin4 image tag. Pin one: `latest` changes under you.",
        "pgadmin.password" => "pgAdmin's login password, generated in your browser with a CSPRNG.",
        "pgadmin.host_port" => "The port on 127.0.0.1 that opens pgAdmin.",
        "pgadmin.register_server" => "Pre-registers the compose PostgreSQL server (servers.json), so pgAdmin opens connected.",
        "redis_commander.enabled" => "redis-commander, a web UI for Redis, in development only, on 127.0.0.1.",
        "redis_commander.host_port" => "The port on 127.0.0.1 that opens redis-commander.",
        "redis_commander.version" => "The redis-commander image tag. Pin one: `latest` changes under you.",
        // Variables
        "env[#].name" => "The variable's name, e.g. NEXTAUTH_URL. Letters, digits and _; not one of those dockwright manages (DATABASE_URL, REDIS_URL, …).",
        "env[#].value" => "The value development uses (and every environment without its own). Secrets are generated in your browser.",
        "env[#].mode" => "default writes `${NAME:-value}` (the environment may override it); required writes `${NAME:?…}` (compose refuses to start while it is unset); fixed writes the value into compose.",
        "env[#].secret" => "A secret is never written into compose files or share links, and production requires it from the environment.",
        "env[#].generator" => "How a secret is generated in your browser (CSPRNG): hex or base64 of random bytes. None: paste your own value.",
        "env[#].generator.bytes" => "How many random bytes: 32 (256 bits) suits signing keys such as NEXTAUTH_SECRET.",
        "env[#].per_env.<env>" => "What the variable holds in this environment: the same value, its own, or none (set by whoever deploys; compose then requires it). A localhost URL needs its own value on a server.",
        "env[#].per_env.<env>.value" => "The value in this environment, written as its default there.",
        "env[#].section" => "The heading the variable is listed under in the .env templates.",
        "env[#].comment" => "A comment written above the variable in the .env templates.",
        "env[#].services" => "The services that receive the variable; empty gives it to the app only.",
        "env[#].in_example" => "List the variable in .env.example, the template developers copy to .env.",
        "env[#].in_production" => "List the variable in .env.production.example, the template for servers.",
        // Extra services
        "extra_services[#].enabled" => "Off keeps the service in the configuration but generates nothing for it.",
        "extra_services[#].name" => "The service's name in compose; the others reach it by this name. Renaming it renames what depends on it.",
        "extra_services[#].image" => "The image with a pinned tag, e.g. `axllent/mailpit:v1.27`. `latest` changes under you (a warning says so).",
        "extra_services[#].command" => "Optional: replaces the image's command.",
        "extra_services[#].ports[#].host" => "The port on the host that reaches the service (on 127.0.0.1 unless it listens on all interfaces).",
        "extra_services[#].ports[#].container" => "The port the service listens on inside its container.",
        "extra_services[#].ports[#].bind" => "127.0.0.1 keeps the port on this machine; all interfaces opens it to the network (a datastore open to the network is a warning).",
        "extra_services[#].environment" => "Variables as KEY=value separated by `;`. A credential here can become a secret variable in one click.",
        "extra_services[#].volumes" => "Mounts as source:/target: a name makes a named volume, `./path` a bind mount.",
        "extra_services[#].healthcheck" => "Optional: a shell command that succeeds while the service is healthy; services that depend on it wait for it.",
        "extra_services[#].depends_on" => "Services started (and, with a healthcheck, healthy) before this one.",
        "extra_services[#].only_in" => "The environments the service runs in (dev, staging, prod); empty runs it in all.",
        // Operations
        "ops.restart" => "What Docker does when a container stops: unless-stopped restarts it after crashes and reboots but not after `docker compose stop`.",
        "ops.healthcheck.interval" => "How often the app's healthcheck runs, e.g. `30s`.",
        "ops.healthcheck.timeout" => "How long one check may take before it counts as failed.",
        "ops.healthcheck.start_period" => "Time to start up (migrations, a cold Next.js) during which failures do not count.",
        "ops.healthcheck.retries" => "Failures in a row before the container is unhealthy.",
        "ops.resources" => "CPU and memory limits and reservations for the app (deploy.resources), so one runaway process cannot starve the host.",
        "ops.resources.cpus_limit" => "The most CPU the app may use, e.g. `1.0` (one core).",
        "ops.resources.memory_limit" => "The most memory, e.g. `512M`; above it the container is killed. Leave Node's heap room under it.",
        "ops.resources.cpus_reservation" => "CPU set aside for the app, e.g. `0.25`.",
        "ops.resources.memory_reservation" => "Memory set aside for the app, e.g. `256M`.",
        "ops.logging" => "A log driver with rotation for every service: Docker's default json-file grows until the disk is full.",
        "ops.logging.driver" => "The log driver, e.g. `json-file` or `local`.",
        "ops.logging.max_size" => "The size at which a log file is rotated, e.g. `10m`.",
        "ops.logging.max_file" => "How many rotated files are kept.",
        "ops.container_name_prefix" => "Optional: fixed container names (<prefix>-<service>). Handy for `docker logs`, but two copies of the stack can no longer run side by side.",
        "ops.network_name" => "The one bridge network every service joins.",
        // Kubernetes
        "kubernetes.enabled" => "Adds k8s/: a Kustomize base and one overlay per environment (`kubectl apply -k k8s/overlays/prod`), hardened for Pod Security \"restricted\".",
        "kubernetes.image" => "The registry repository the app image is pushed to, without a tag, e.g. `ghcr.io/acme/shop`.",
        "kubernetes.environments.<env>.tag" => "The image tag this environment runs. A version or commit, never `latest`, so a rollout is repeatable.",
        "kubernetes.environments.<env>.replicas" => "How many app pods run. More than one also adds a PodDisruptionBudget; mind connection_limit × replicas.",
        "kubernetes.environments.<env>.host" => "The host name the Ingress serves, e.g. `shop.example.com`; empty for no Ingress in this environment.",
        "kubernetes.ingress.enabled" => "Writes an Ingress for each environment that has a host.",
        "kubernetes.ingress.class_name" => "The Ingress class of your controller, e.g. `nginx`.",
        "kubernetes.ingress.tls" => "Serves HTTPS with the certificate in the `<app>-tls` Secret (cert-manager can create it).",
        "kubernetes.storage.class_name" => "The StorageClass of the volumes; empty uses the cluster's default.",
        "kubernetes.storage.postgres" => "The size of PostgreSQL's volume, e.g. `10Gi`.",
        "kubernetes.storage.redis" => "The size of Redis's volume (only with AOF persistence), e.g. `1Gi`.",
        "kubernetes.storage.backups" => "The size of the backups volume, e.g. `20Gi`.",
        "kubernetes.backup_schedule" => "When the backup CronJob runs, in cron syntax and UTC, e.g. `0 3 * * *` (03:00 every day).",
        _ => return None,
    })
}
