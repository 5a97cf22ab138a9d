-- SYNTAX TEST "source.sql" "transport-security keywords injected into SQL"
CREATE ENDPOINT Mirroring STATE = STARTED
--     ^^^^^^^^ keyword.other.transport-security.sql
--                                ^^^^^^^ support.constant.transport-security.sql
    FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4 AES, ROLE = ALL)
--      ^^^^^^^^^^^^^^^^^^ keyword.other.transport-security.sql
--                          ^^^^^^^^^^ keyword.other.transport-security.sql
--                                       ^^^^^^^^ support.constant.transport-security.sql
--                                                ^^^^^^^^^ keyword.other.transport-security.sql
--                                                          ^^^ invalid.deprecated.rc4.transport-security.sql
--                                                              ^^^ support.constant.algorithm.transport-security.sql
SELECT 'ALGORITHM RC4' FROM t -- ALGORITHM RC4
--      ^^^^^^^^^^^^^ string.quoted.single.sql
--      ^^^^^^^^^^^^^ - keyword.other.transport-security.sql
--      ^^^^^^^^^^^^^ - invalid.deprecated.rc4.transport-security.sql
--                               ^^^^^^^^^^^^^ comment.line.double-dash.sql - keyword.other.transport-security.sql
-- (one exclusion per assertion line: vscode-tmgrammar-test 0.1.3 hangs on two)
SELECT @RC4, RC4X, x_RC4 FROM t
--      ^^^ - invalid.deprecated.rc4.transport-security.sql
--           ^^^^ - invalid.deprecated.rc4.transport-security.sql
--                 ^^^^^ - invalid.deprecated.rc4.transport-security.sql
