/**
 * A deterministic generator of realistic T-SQL: procedures, DML, comments, strings with doubled quotes, GO batches,
 * and about 2% transport-security statements (endpoints). Same seed, same text.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TABLES = ['dbo.Orders', 'dbo.Customers', 'sales.Invoice', '[hr].[Employee Records]', 'dbo.AuditLog', '#work', 'inv.StockLevel'];
const COLUMNS = ['OrderId', 'CustomerId', 'Amount', 'CreatedAt', '[Status Code]', 'Notes', 'Region', 'Qty'];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

function dml(r: () => number): string {
  const t = pick(r, TABLES);
  const c1 = pick(r, COLUMNS);
  const c2 = pick(r, COLUMNS);
  switch (Math.floor(r() * 6)) {
    case 0:
      return `SELECT TOP (${Math.floor(r() * 500)}) ${c1}, ${c2}, COUNT(*) AS n\nFROM ${t} WITH (NOLOCK)\nWHERE ${c1} > @p${Math.floor(r() * 9)} AND ${c2} LIKE N'%o''brien%'\nGROUP BY ${c1}, ${c2}\nORDER BY n DESC;\n`;
    case 1:
      return `INSERT INTO ${t} (${c1}, ${c2}) VALUES (${Math.floor(r() * 1e6)}, 'it''s a value -- not a comment');\n`;
    case 2:
      return `UPDATE ${t}\n   SET ${c1} = ${c1} + 1, ${c2} = SYSUTCDATETIME() /* touched */\n WHERE ${c1} IN (SELECT ${c1} FROM ${pick(r, TABLES)} WHERE Region = 'EMEA');\n`;
    case 3:
      return `-- remove old rows; see ticket ${Math.floor(r() * 9999)}\nDELETE FROM ${t} WHERE CreatedAt < DATEADD(day, -${Math.floor(r() * 90)}, GETDATE());\n`;
    case 4:
      return `IF EXISTS (SELECT 1 FROM ${t} WHERE ${c1} = 0x${Math.floor(r() * 0xffffff).toString(16)})\nBEGIN\n    PRINT 'found';\n    RAISERROR(N'Row %d exists', 10, 1, 42) WITH NOWAIT;\nEND\n`;
    default:
      return `MERGE ${t} AS tgt USING (SELECT ${c1}, ${c2} FROM ${pick(r, TABLES)}) AS src ON tgt.${c1} = src.${c1}\nWHEN MATCHED THEN UPDATE SET tgt.${c2} = src.${c2}\nWHEN NOT MATCHED THEN INSERT (${c1}, ${c2}) VALUES (src.${c1}, src.${c2});\n`;
  }
}

function transport(r: () => number, n: number): string {
  const alg = pick(r, ['AES', 'RC4', 'AES RC4', 'RC4 AES']);
  const enc = pick(r, ['REQUIRED', 'SUPPORTED', 'DISABLED']);
  return `CREATE ENDPOINT Endpoint_${n} STATE = STARTED AS TCP (LISTENER_PORT = ${5022 + (n % 100)})\n    FOR ${n % 2 ? 'SERVICE_BROKER' : 'DATABASE_MIRRORING'} (AUTHENTICATION = WINDOWS ${pick(r, ['NTLM', 'KERBEROS', 'NEGOTIATE'])}, ENCRYPTION = ${enc}${enc === 'DISABLED' ? '' : ` ALGORITHM ${alg}`}${n % 2 ? '' : ', ROLE = ALL'});\nGO\n`;
}

/** About `bytes` characters of T-SQL. `plainOnly` leaves out transport statements and procedure wrappers (for parsers
 * that only know DML). */
export function generateTsql(bytes: number, seed = 42, plainOnly = false): string {
  const r = rng(seed);
  const parts: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    let chunk: string;
    if (!plainOnly && r() < 0.02) chunk = transport(r, n++);
    else if (!plainOnly && r() < 0.05) {
      const body = [dml(r), dml(r), dml(r)].join('');
      chunk = `/* Procedure generated for the benchmark.\n   /* nested comment */ keeps going */\nCREATE OR ALTER PROCEDURE dbo.usp_Job${n++}\n    @p1 int = 0, @p2 nvarchar(50) = N'x'\nAS\nBEGIN\n    SET NOCOUNT ON;\n${body}END\nGO\n`;
    } else chunk = dml(r);
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join('');
}
