-- Principal (SQLNODE1): outbound setup for certificate-based database mirroring.
-- Run in SQLCMD mode:  sqlcmd -S SQLNODE1 -i principal.sql -v MasterKeyPassword="..."
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE SQLNODE1_cert
    WITH SUBJECT = 'SQLNODE1 mirroring endpoint',
         EXPIRY_DATE = '20301231';
GO
CREATE ENDPOINT Endpoint_Mirroring
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE SQLNODE1_cert,
        ENCRYPTION = REQUIRED ALGORITHM RC4 AES,   -- kept "for the old witness"
        ROLE = ALL);
GO
BACKUP CERTIFICATE SQLNODE1_cert TO FILE = 'C:\certs\SQLNODE1_cert.cer';
GO
-- Inbound: let SQLNODE2 connect.
CREATE LOGIN SQLNODE2_login WITH PASSWORD = 'Mirr0r!Login2019';
GO
CREATE USER SQLNODE2_user FOR LOGIN SQLNODE2_login;
GO
CREATE CERTIFICATE SQLNODE2_cert
    AUTHORIZATION SQLNODE2_user
    FROM FILE = 'C:\certs\SQLNODE2_cert.cer';
GO
-- After the mirror is ready:
ALTER DATABASE Sales SET PARTNER = 'TCP://sqlnode2.contoso.com:5022';
GO
