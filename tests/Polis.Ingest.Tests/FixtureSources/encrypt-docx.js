// Encrypts a .docx with a password the way Office does (ECMA-376 agile encryption inside an OLE compound file).
// Usage: NODE_PATH=<dir with officecrypto-tool installed> node encrypt-docx.js in.docx out.docx
const officeCrypto = require('officecrypto-tool');
const fs = require('fs');

(async () => {
  const encrypted = await officeCrypto.encrypt(fs.readFileSync(process.argv[2]), { password: 'user-secret' });
  fs.writeFileSync(process.argv[3], encrypted);
})();
