(function(){var run="__RUN__",v=__VERSION__;
// The page knows which server run and build it came from: it reloads when either moved on, and
// swaps only its stylesheets when nothing else changed since, taking their new (content-hashed)
// addresses from the page as served now; an answer overtaken by a newer change is dropped, as its
// addresses may be gone.
var s=new EventSource("__EVENTS__");
function news(e){var d=e.data.split(" ");return {run:d[0],version:+d[1],reload:+d[2]};}
s.addEventListener("hello",function(e){
  var n=news(e);
  if(n.run!==run||n.version>v)location.reload();
});
s.addEventListener("change",function(e){
  var n=news(e);
  if(n.run!==run||n.reload>v){location.reload();return;}
  if(n.version<=v)return;
  var w=v=n.version;
  fetch(location.href).then(function(r){return r.text();}).then(function(t){
    if(w!==v)return;
    var f=new DOMParser().parseFromString(t,"text/html").querySelectorAll('link[rel="stylesheet"]'),
        o=document.querySelectorAll('link[rel="stylesheet"]');
    if(f.length!==o.length){location.reload();return;}
    o.forEach(function(l,i){
      var u=new URL(f[i].getAttribute("href"),location.href);
      u.searchParams.set("zonesite",w);
      l.href=u.href;
    });
  }).catch(function(){location.reload();});
});
})();
