// The defaults of a deploy, in their own module: the CLI's usage text names them without loading deploy.

/** The default health window of a deploy, in seconds. */
export const defaultWaitSeconds = 5;

/** The default time a netplan change has to be confirmed over a new connection, in seconds. */
export const defaultNetplanConfirmSeconds = 60;

/** The default bound on one blocking systemctl restart or stop during a deploy, in seconds. */
export const defaultActivateTimeoutSeconds = 300;
