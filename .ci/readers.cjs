// What one real feed reader makes of a feed, as JSON lines: {"title", "images": [url…], "categories": [name…]}.
// node readers.cjs rss-to-json|feedparser URL   (the packages resolve through NODE_PATH; see readers.sh)
// Categories are the names a reader shows (RSS <category> text, Atom term), never a label attribute beside them.
'use strict';
const [reader, url] = process.argv.slice(2);

function line(title, images, categories) {
  process.stdout.write(JSON.stringify({
    title: title ?? null,
    images: images.filter(u => typeof u === 'string' && u !== ''),
    categories: categories.filter(c => typeof c === 'string'),
  }) + '\n');
}

function fail(e) {
  process.stderr.write(`${reader}: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
}

if (reader === 'rss-to-json') {
  const { parse } = require('rss-to-json');
  parse(url).then(feed => {
    for (const it of feed.items || []) {
      const media = it.media || {};
      const images = (it.enclosures || []).map(e => e && e.url)
        .concat([media.thumbnail && media.thumbnail.url, media.content && media.content.url]);
      const raw = it.category === undefined ? [] : [].concat(it.category);
      const categories = raw.map(c => typeof c === 'string' ? c : c && (c.$text ?? c.term));
      line(it.title, images, categories);
    }
  }).catch(fail);
} else if (reader === 'feedparser') {
  const FeedParser = require('feedparser');
  const http = require('http');
  http.get(url, res => {
    if (res.statusCode !== 200) fail(new Error(`HTTP ${res.statusCode}`));
    const parser = new FeedParser({ feedurl: url });
    parser.on('error', fail);
    parser.on('readable', function () {
      let it;
      while ((it = this.read())) {
        const images = (it.enclosures || []).map(e => e && e.url).concat([it.image && it.image.url]);
        line(it.title, images, it.categories || []);
      }
    });
    res.pipe(parser);
  }).on('error', fail);
} else {
  fail(new Error('unknown reader (rss-to-json or feedparser)'));
}
