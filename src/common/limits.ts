// Limits shared by the kiosk, the public site and the server.

export const RECORDING_BASE_SECONDS = 120;
export const RECORDING_MAX_SECONDS = 300;
export const NOTE_MAX_LENGTH = 2000;
export const ANSWER_MAX_LENGTH = 20000;
export const UPLOAD_MAX_BYTES = 500 * 1024 * 1024;
export const DEADLINE_WORKING_DAYS = 15;
