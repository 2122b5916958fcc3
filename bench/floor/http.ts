// node:http answering one small page: the limit of what any Node server on this machine can do (`npm run bench`).
import http from 'node:http';

const body = Buffer.from('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trang trống</title></head><body><h1>Trang trống</h1></body></html>');
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
