-- Witness (SQLWITNESS, an old Express instance): configured years ago, never revisited.
CREATE ENDPOINT Endpoint_Mirroring
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = WINDOWS NTLM,
        ENCRYPTION = DISABLED,
        ROLE = WITNESS);
GO
