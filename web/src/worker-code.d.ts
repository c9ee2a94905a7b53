// The worker's bundled code, as text (web/build.mjs provides it).
declare module 'leibniz-playground:worker' {
  const code: string;
  export default code;
}
