/** Private test directories: OpenLDAP with the ad-lite schema, and a Samba AD DC. */
export { startOpenLdap, type OpenLdapOptions, type OpenLdapServer } from "./openldap-server.js";
export { startSambaAd, type SambaAdOptions, type SambaAdServer } from "./samba-ad-server.js";
export { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";
export { rawClient } from "./raw-client.js";
