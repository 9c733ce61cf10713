// The language a post is written in, when its author does not say: followers' language choices and
// the multilingual timelines rely on it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from '../../src/core/statuses/compose.ts';

const SAMPLES: Record<string, string> = {
  en: 'The embassy will answer your questions about visas this afternoon',
  fr: 'Bonjour à tous, voici les nouvelles du jour pour la communauté',
  de: 'Das ist ein Test der Spracherkennung für kurze Texte heute',
  es: 'Hola a todos, esta es una prueba del sistema de idiomas',
  it: 'Ciao a tutti, questa è una prova della lingua italiana',
  pt: 'Olá pessoal, isto é um teste de idioma para todos',
  nl: 'Hallo allemaal, dit is een test van de taalherkenning',
  ru: 'Привет всем, это проверка определения языка',
  uk: 'Привіт усім, це перевірка визначення мови',
  pl: 'Cześć wszystkim, to jest test rozpoznawania języka',
  tr: 'Herkese merhaba, bu bir dil tanıma testidir',
  ar: 'مرحبا بالجميع، هذا اختبار للتعرف على اللغة',
  ja: 'これは日本語のテキストです。よろしくお願いします',
  zh: '大家好，这是一个语言识别测试',
  ko: '안녕하세요 여러분, 이것은 언어 인식 테스트입니다',
  el: 'Γεια σε όλους, αυτό είναι ένα τεστ αναγνώρισης γλώσσας',
  he: 'שלום לכולם, זו בדיקה של זיהוי שפה',
  hi: 'सभी को नमस्ते, यह भाषा पहचान का परीक्षण है',
  vi: 'Xin chào mọi người, đây là bài kiểm tra nhận dạng ngôn ngữ',
  th: 'สวัสดีทุกคน นี่คือการทดสอบการจดจำภาษา',
};

describe('language detection', () => {
  it('tells the language of post-sized texts', () => {
    for (const [lang, text] of Object.entries(SAMPLES)) assert.equal(detectLanguage(text), lang, text);
  });

  it('leaves links, mentions and hashtags out, and says nothing when unsure', () => {
    assert.equal(detectLanguage('Bonjour à tous https://example.com/english-words-here @someone #EnglishTag'), 'fr');
    assert.equal(detectLanguage('ok'), null, 'too short');
    assert.equal(detectLanguage('https://example.com/a-long-link-with-words @someone@example.org #tag'), null, 'nothing but links and names');
    assert.equal(detectLanguage('1234 5678 9012 3456 !!!! ????'), null, 'no words');
  });
});
