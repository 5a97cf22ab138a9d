/**
 * A deterministic 10,000-file project tree for the CLI benchmark: 100 services, each with T-SQL migrations, Java
 * repositories, Spring .properties, Kubernetes/Spring .yml, C# data classes and appsettings .json. Most files hold no
 * connection string (as in real code); some hold JDBC URLs, ADO.NET strings, driver API calls or endpoints.
 * Same seed, same tree. Written under bench/.work/ (git-ignored) only when its content hash changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateTsql, rng } from '../workload';

export const TREE_DIR = join('bench', '.work', 'tree');
const STAMP = join('bench', '.work', 'tree.sha256');
export const SERVICES = 100;

type R = () => number;
const pick = <T>(r: R, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const int = (r: R, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const ENTITIES = ['Order', 'Customer', 'Invoice', 'Shipment', 'Product', 'Supplier', 'Payment', 'Refund', 'Employee', 'Warehouse', 'StockLevel', 'AuditEntry', 'Contract', 'Region', 'Ticket', 'Discount', 'Basket', 'Address', 'Carrier', 'Subscription', 'Account', 'Ledger'];
const HOSTS = ['sql01.contoso.com', 'sqlnode2.contoso.com', 'db.fabrikam.local', 'orders-db.internal', 'reporting.contoso.com', '10.20.30.40', 'ag-listener.corp.contoso.com'];
const DBS = ['Sales', 'Orders', 'Inventory', 'Billing', 'Hr', 'Reporting', 'Audit'];
const ENVS = ['', '-dev', '-test', '-qa', '-staging', '-prod', '-local', '-ci'];
const JSON_ENVS = ['', '.Development', '.Test', '.QA', '.Staging', '.Production', '.Local', '.CI', '.Docker', '.Azure'];

function jdbcUrl(r: R): string {
  const host = pick(r, HOSTS);
  const opts = [`databaseName=${pick(r, DBS)}`];
  const enc = pick(r, ['true', 'true', 'strict', 'false', undefined]);
  if (enc) opts.push(`encrypt=${enc}`);
  if (r() < 0.4) opts.push(`trustServerCertificate=${pick(r, ['true', 'false'])}`);
  if (r() < 0.2) opts.push(`hostNameInCertificate=*.contoso.com`);
  if (r() < 0.1) opts.push(`sslProtocol=${pick(r, ['TLSv1.2', 'TLSv1.1', 'TLS'])}`);
  if (r() < 0.3) opts.push('loginTimeout=30');
  if (r() < 0.2) opts.push('integratedSecurity=true;authenticationScheme=JavaKerberos');
  return `jdbc:sqlserver://${host}:1433;${opts.join(';')}`;
}

function adoString(r: R): string {
  const parts = [`Server=tcp:${pick(r, HOSTS)},1433`, `Database=${pick(r, DBS)}`];
  if (r() < 0.6) parts.push('Integrated Security=true');
  else parts.push('User ID=app', 'Password=${DB_PASSWORD}');
  const enc = pick(r, ['True', 'True', 'Strict', 'False', 'Optional', undefined]);
  if (enc) parts.push(`Encrypt=${enc}`);
  if (r() < 0.4) parts.push(`TrustServerCertificate=${pick(r, ['True', 'False'])}`);
  if (r() < 0.1) parts.push(`Failover Partner=${pick(r, HOSTS)}`);
  if (r() < 0.2) parts.push('Connect Timeout=30');
  return parts.join(';');
}

function javaFile(r: R, svc: string, pkg: string, entity: string): string {
  const table = `dbo.${entity}`;
  const className = `${entity}${pkg === 'repository' ? 'Repository' : pkg === 'service' ? 'Service' : 'Controller'}`;
  const lines: string[] = [
    `package com.contoso.${svc}.${pkg};`,
    '',
    'import java.sql.Connection;',
    'import java.sql.PreparedStatement;',
    'import java.sql.ResultSet;',
    'import java.sql.SQLException;',
    'import java.util.ArrayList;',
    'import java.util.List;',
    'import java.util.Optional;',
    'import javax.sql.DataSource;',
    '',
    '/**',
    ` * Reads and writes ${entity} rows. Generated for the sqlguard benchmark.`,
    ' */',
    `public class ${className} {`,
    `    private static final String FIND_BY_ID = "SELECT Id, Name, Region, CreatedAt FROM ${table} WHERE Id = ?";`,
    `    private static final String FIND_BY_REGION = "SELECT Id, Name FROM ${table} WHERE Region = ? ORDER BY CreatedAt DESC";`,
    `    private static final String INSERT = "INSERT INTO ${table} (Name, Region, CreatedAt) VALUES (?, ?, SYSUTCDATETIME())";`,
  ];
  const special = r();
  if (special < 0.08) lines.push(`    static final String URL = "${jdbcUrl(r)}";`);
  else if (special < 0.1) lines.push(`    static final String REPORTING_URL = "${jdbcUrl(r).replace(';', ';"\n            + "')}";`);
  lines.push('', '    private final DataSource dataSource;', '', `    public ${className}(DataSource dataSource) {`, '        this.dataSource = dataSource;', '    }', '');
  const methods = int(r, 2, 6);
  for (let m = 0; m < methods; m++) {
    const name = pick(r, ['findById', 'findByRegion', 'insert', 'countAll', 'deleteOlderThan', 'touch']) + m;
    lines.push(
      `    public List<String> ${name}(String region) throws SQLException {`,
      '        List<String> names = new ArrayList<>();',
      '        try (Connection c = dataSource.getConnection();',
      `             PreparedStatement ps = c.prepareStatement(${pick(r, ['FIND_BY_ID', 'FIND_BY_REGION', 'INSERT'])})) {`,
      '            ps.setString(1, region);',
      '            try (ResultSet rs = ps.executeQuery()) {',
      '                while (rs.next()) {',
      '                    names.add(rs.getString("Name")); // keep the order of the query',
      '                }',
      '            }',
      '        }',
      '        return names;',
      '    }',
      '',
    );
  }
  if (special > 0.97) {
    lines.push(
      '    static com.microsoft.sqlserver.jdbc.SQLServerDataSource reporting() {',
      '        com.microsoft.sqlserver.jdbc.SQLServerDataSource ds = new com.microsoft.sqlserver.jdbc.SQLServerDataSource();',
      `        ds.setServerName("${pick(r, HOSTS)}");`,
      `        ds.setEncrypt(${pick(r, ['"true"', 'false', '"strict"'])});`,
      `        ds.setTrustServerCertificate(${pick(r, ['true', 'false'])});`,
      '        return ds;',
      '    }',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

function csFile(r: R, svc: string, entity: string): string {
  const lines: string[] = [
    'using System;',
    'using System.Collections.Generic;',
    'using System.Threading.Tasks;',
    'using Microsoft.Data.SqlClient;',
    '',
    `namespace Contoso.${svc}.Data`,
    '{',
    `    /// <summary>Data access for ${entity} (generated for the sqlguard benchmark).</summary>`,
    `    public sealed class ${entity}Store`,
    '    {',
    `        private const string SelectById = "SELECT Id, Name, Region FROM dbo.${entity} WHERE Id = @id";`,
    `        private const string SelectPage = "SELECT Id, Name FROM dbo.${entity} ORDER BY Id OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY";`,
  ];
  const special = r();
  if (special < 0.08) lines.push(`        internal const string Connection = @"${adoString(r)}";`);
  lines.push('        private readonly string _connectionString;', '', `        public ${entity}Store(string connectionString) => _connectionString = connectionString;`, '');
  const methods = int(r, 2, 6);
  for (let m = 0; m < methods; m++) {
    lines.push(
      `        public async Task<List<string>> ${pick(r, ['GetById', 'GetPage', 'Search', 'Archive', 'Touch'])}${m}Async(int id)`,
      '        {',
      '            var names = new List<string>();',
      '            await using var connection = new SqlConnection(_connectionString);',
      '            await connection.OpenAsync();',
      `            await using var command = new SqlCommand(${pick(r, ['SelectById', 'SelectPage'])}, connection);`,
      '            command.Parameters.AddWithValue("@id", id);',
      '            await using var reader = await command.ExecuteReaderAsync();',
      '            while (await reader.ReadAsync()) names.Add(reader.GetString(1)); // column 1 is Name',
      '            return names;',
      '        }',
      '',
    );
  }
  if (special > 0.97) {
    lines.push(
      '        public static SqlConnectionStringBuilder Builder() => new SqlConnectionStringBuilder',
      '        {',
      `            DataSource = "${pick(r, HOSTS)}",`,
      `            Encrypt = SqlConnectionEncryptOption.${pick(r, ['Mandatory', 'Optional', 'Strict'])},`,
      `            TrustServerCertificate = ${pick(r, ['true', 'false'])},`,
      '        };',
    );
  }
  lines.push('    }', '}', '');
  return lines.join('\n');
}

function propertiesFile(r: R, svc: string, env: string): string {
  const lines = [`# ${svc} configuration${env ? ` for the ${env.slice(1)} profile` : ''} (generated for the sqlguard benchmark)`, `spring.application.name=${svc}`, `server.port=${int(r, 8000, 8999)}`];
  if (r() < 0.6) {
    lines.push(`spring.datasource.url=${jdbcUrl(r)}`, 'spring.datasource.username=${DB_USER}', 'spring.datasource.password=${DB_PASSWORD}', 'spring.datasource.driver-class-name=com.microsoft.sqlserver.jdbc.SQLServerDriver');
    if (r() < 0.2) lines.push(`spring.datasource.hikari.data-source-properties.encrypt=${pick(r, ['true', 'false'])}`);
    lines.push(`spring.datasource.hikari.maximum-pool-size=${int(r, 5, 50)}`);
  }
  const extra = int(r, 10, 40);
  for (let i = 0; i < extra; i++) {
    lines.push(
      pick(r, [
        `logging.level.com.contoso.${svc}=${pick(r, ['INFO', 'DEBUG', 'WARN'])}`,
        `management.endpoints.web.exposure.include=health,info,metrics`,
        `spring.jpa.hibernate.ddl-auto=none`,
        `spring.jpa.properties.hibernate.dialect=org.hibernate.dialect.SQLServerDialect`,
        `app.feature.${pick(r, ENTITIES).toLowerCase()}.enabled=${pick(r, ['true', 'false'])}`,
        `app.cache.ttl-seconds=${int(r, 10, 3600)}`,
        `app.messaging.topic=${svc}.${pick(r, ENTITIES).toLowerCase()}.events`,
      ]),
    );
  }
  return lines.join('\n') + '\n';
}

function ymlFile(r: R, svc: string, env: string): string {
  if (r() < 0.5) {
    const lines = ['spring:', '  application:', `    name: ${svc}`];
    if (r() < 0.7) {
      lines.push('  datasource:', `    url: "${jdbcUrl(r)}"`, '    username: ${DB_USER}', '    password: ${DB_PASSWORD}', '    hikari:', `      maximum-pool-size: ${int(r, 5, 50)}`);
      if (r() < 0.2) lines.push('      data-source-properties:', `        trustServerCertificate: ${pick(r, ['true', 'false'])}`);
    }
    lines.push('logging:', '  level:', `    root: ${pick(r, ['INFO', 'WARN'])}`, 'management:', '  endpoints:', '    web:', '      exposure:', '        include: health,info');
    return lines.join('\n') + '\n';
  }
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${svc}${env}`,
    '  labels:',
    `    app: ${svc}`,
    'spec:',
    `  replicas: ${int(r, 1, 6)}`,
    '  template:',
    '    spec:',
    '      containers:',
    `        - name: ${svc}`,
    `          image: registry.contoso.com/${svc}:${int(r, 1, 9)}.${int(r, 0, 20)}.${int(r, 0, 99)}`,
    '          env:',
    '            - name: ASPNETCORE_ENVIRONMENT',
    `              value: ${pick(r, ['Production', 'Staging', 'Development'])}`,
  ];
  if (r() < 0.4) lines.push('            - name: ConnectionStrings__Default', `              value: "${adoString(r)}"`);
  lines.push('          resources:', '            limits:', `              memory: ${int(r, 1, 8) * 128}Mi`, `              cpu: ${int(r, 1, 4) * 250}m`);
  return lines.join('\n') + '\n';
}

function jsonFile(r: R, svc: string): string {
  const config: Record<string, unknown> = {};
  if (r() < 0.6) {
    const strings: Record<string, string> = { Default: adoString(r) };
    if (r() < 0.3) strings.Reporting = adoString(r);
    config.ConnectionStrings = strings;
  }
  config.Logging = { LogLevel: { Default: pick(r, ['Information', 'Warning']), 'Microsoft.AspNetCore': 'Warning' } };
  config.AllowedHosts = '*';
  const features: Record<string, boolean> = {};
  const n = int(r, 3, 25);
  for (let i = 0; i < n; i++) features[`${pick(r, ENTITIES)}${i}`] = r() < 0.5;
  config.Features = features;
  config.Service = { Name: svc, Retry: { Count: int(r, 1, 5), DelayMs: int(r, 100, 5000) } };
  return JSON.stringify(config, null, 2) + '\n';
}

function sqlFile(r: R, seed: number): string {
  const kind = r();
  if (kind < 0.02) {
    return (
      '-- linked server to the reporting instance\n' +
      `EXEC master.dbo.sp_addlinkedserver @server = N'REPORTING', @srvproduct = N'', @provider = N'MSOLEDBSQL', @datasrc = N'${pick(r, HOSTS)}', @provstr = N'Encrypt=${pick(r, ['yes', 'no', 'strict'])};TrustServerCertificate=${pick(r, ['yes', 'no'])}';\nGO\n` +
      generateTsql(int(r, 500, 3000), seed)
    );
  }
  return generateTsql(int(r, 1000, 9000), seed);
}

/** Every file of the tree: relative path → content. Exactly 100 files per service. */
export function generateTree(seed = 7): Map<string, string> {
  const files = new Map<string, string>();
  const r = rng(seed);
  for (let s = 0; s < SERVICES; s++) {
    const svc = `svc${String(s).padStart(3, '0')}`;
    const root = `${svc}`;
    for (let i = 0; i < 30; i++) files.set(`${root}/db/migrations/V${String(i + 1).padStart(3, '0')}__${pick(r, ENTITIES).toLowerCase()}.sql`, sqlFile(r, seed * 100_000 + s * 100 + i));
    for (let i = 0; i < 22; i++) {
      const pkg = pick(r, ['repository', 'service', 'web']);
      const entity = ENTITIES[i % ENTITIES.length];
      const suffix = pkg === 'repository' ? 'Repository' : pkg === 'service' ? 'Service' : 'Controller';
      files.set(`${root}/src/main/java/com/contoso/${svc}/${pkg}/${entity}${suffix}.java`, javaFile(r, svc, pkg, entity));
    }
    for (let i = 0; i < 8; i++) files.set(`${root}/src/main/resources/application${ENVS[i]}.properties`, propertiesFile(r, svc, ENVS[i]));
    for (let i = 0; i < 8; i++) files.set(`${root}/deploy/${i < 4 ? 'spring' : 'k8s'}/${svc}${ENVS[i]}.yml`, ymlFile(r, svc, ENVS[i]));
    for (let i = 0; i < 22; i++) files.set(`${root}/dotnet/Contoso.${svc}/Data/${ENTITIES[i % ENTITIES.length]}Store.cs`, csFile(r, svc, ENTITIES[i % ENTITIES.length]));
    for (let i = 0; i < 10; i++) files.set(`${root}/dotnet/Contoso.${svc}/appsettings${JSON_ENVS[i]}.json`, jsonFile(r, svc));
  }
  if (files.size !== SERVICES * 100) throw new Error(`the tree generator made ${files.size} files, not ${SERVICES * 100}`);
  return files;
}

export interface TreeInfo {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
  readonly byExtension: Record<string, { files: number; bytes: number }>;
  readonly written: boolean;
}

/** Generates the tree in memory and writes it to bench/.work/tree unless the same content is already there. */
export function ensureTree(): TreeInfo {
  const files = generateTree();
  const hash = createHash('sha256');
  let bytes = 0;
  const byExtension: Record<string, { files: number; bytes: number }> = {};
  for (const [path, text] of files) {
    hash.update(path).update('\0').update(text).update('\0');
    bytes += Buffer.byteLength(text);
    const ext = path.slice(path.lastIndexOf('.') + 1);
    byExtension[ext] ??= { files: 0, bytes: 0 };
    byExtension[ext].files++;
    byExtension[ext].bytes += Buffer.byteLength(text);
  }
  const digest = hash.digest('hex');
  const current = existsSync(STAMP) && existsSync(TREE_DIR) ? readFileSync(STAMP, 'utf8').trim() : '';
  let written = false;
  if (current !== digest) {
    rmSync(TREE_DIR, { recursive: true, force: true });
    rmSync(STAMP, { force: true });
    const made = new Set<string>();
    for (const [path, text] of files) {
      const full = join(TREE_DIR, path);
      const dir = dirname(full);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(full, text);
    }
    writeFileSync(STAMP, digest + '\n');
    written = true;
  }
  return { dir: TREE_DIR, files: files.size, bytes, byExtension, written };
}
