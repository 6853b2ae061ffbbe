import { decodeEntities, parseChatHtml, safeColor } from './chat-html';
import { h, safeUrl, type VNode } from './vnode';

const parse = (s: string) => JSON.parse(JSON.stringify(parseChatHtml(s))) as VNode[];
const el = (tag: string, attrs: Record<string, string>, ...children: VNode[]) => ({ ...h(tag, attrs), children });

describe('parseChatHtml: Google Chat formatted text, kept to its subset', () => {
  it('keeps <b> <i> <u> <s> and nesting', () => {
    expect(parse('<b>bold <i>both</i></b> <u>u</u><s>gone</s>')).toEqual([
      el('b', {}, 'bold ', el('i', {}, 'both')), ' ', el('u', {}, 'u'), el('s', {}, 'gone'),
    ]);
  });

  it('maps strong/em/strike to the subset', () => {
    expect(parse('<strong>a</strong><em>b</em><strike>c</strike>')).toEqual([el('b', {}, 'a'), el('i', {}, 'b'), el('s', {}, 'c')]);
  });

  it('keeps <font color> as a colour and refuses anything else in it', () => {
    const [ok] = parse('<font color="#80e27e">up</font>') as Array<{ style: Record<string, string> }>;
    expect(ok.style).toEqual({ color: '#80e27e' });
    const [named] = parse("<font color='red'>x</font>") as Array<{ style: Record<string, string> }>;
    expect(named.style).toEqual({ color: 'red' });
    const [bad] = parse('<font color="red;background:url(http://x)">x</font>') as Array<{ style: Record<string, string> }>;
    expect(bad.style).toEqual({});
  });

  it('keeps http(s)/mailto links, opened safely, and drops other schemes', () => {
    expect(parse('<a href="https://example.com/a?b=1&amp;c=2">go</a>')).toEqual([
      el('a', { href: 'https://example.com/a?b=1&c=2', target: '_blank', rel: 'noopener noreferrer nofollow' }, 'go'),
    ]);
    expect(parse('<a href="javascript:alert(1)">x</a>')).toEqual([el('span', {}, 'x')]);
    expect(parse('<a href=" JaVaScRiPt:alert(1)">x</a>')).toEqual([el('span', {}, 'x')]);
  });

  it('turns <br> and newlines into line breaks', () => {
    expect(parse('a<br>b<br/>c\nd')).toEqual(['a', el('br', {}), 'b', el('br', {}), 'c', el('br', {}), 'd']);
  });

  it('drops unknown tags and attributes but keeps their text; script text stays inert text', () => {
    expect(parse('<script>alert(1)</script><img src=x onerror=alert(1)><b onclick="x()">t</b>')).toEqual(['alert(1)', el('b', {}, 't')]);
    expect(parse('<div class="x">in</div>')).toEqual(['in']);
  });

  it('keeps a lone < and decodes entities into text, never into tags', () => {
    expect(parse('1 < 2 &lt;b&gt; &amp; &#39;q&#39; &#x263A;')).toEqual(["1 < 2 <b> & 'q' ☺"]);
  });

  it('closes unclosed tags and ignores stray closing ones', () => {
    expect(parse('</i><b>open')).toEqual([el('b', {}, 'open')]);
  });

  it('leaves template text such as Jinja expressions verbatim', () => {
    expect(parse("{{ 'Online' | success_text | bold }}")).toEqual(["{{ 'Online' | success_text | bold }}"]);
  });
});

describe('helpers', () => {
  it('decodeEntities leaves unknown and invalid entities as written', () => {
    expect(decodeEntities('&bogus; &#xD800; &#0;')).toBe('&bogus; &#xD800; &#0;');
  });
  it('safeColor accepts hex and names only', () => {
    expect([safeColor('#abc'), safeColor('#aabbcc'), safeColor('teal'), safeColor('rgb(1,2,3)'), safeColor('expression(x)')]).toEqual(['#abc', '#aabbcc', 'teal', undefined, undefined]);
  });
  it('safeUrl keeps http(s), mailto and relative URLs only', () => {
    expect([safeUrl('https://a.b/c'), safeUrl('mailto:x@y.z'), safeUrl('/v1/x'), safeUrl('data:text/html,x'), safeUrl('vbscript:x'), safeUrl(7)]).toEqual(['https://a.b/c', 'mailto:x@y.z', '/v1/x', undefined, undefined, undefined]);
  });
});
